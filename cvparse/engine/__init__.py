"""The reading engine: file bytes → document with layout → sections → masked text → phrases
→ matches and facts → draft profile.

Pure: data in, data out; its only I/O is at its edges (reading a referential's CSV folder,
running Tesseract on text-less PDF pages). It never imports the service around it
(`cvparse.service`, the API, the pages, the CLI, the workers).
"""
