"""Exit codes of `cvparse`: what a script calling it can rely on.

0  success: every file gave a draft, every check passed.
1  `EXIT_CHECK_FAILED`: the command ran to the end and found a problem it was asked to look
   for (`cvparse fairness`: two twin CVs got different competences or métiers). An uncaught
   error (a bug) also ends with 1, with a Python traceback on stderr.
2  `EXIT_BAD_INPUT`: something given to the command cannot be used — a file missing, unreadable
   or not a CV, an unknown referential, document, user or run, a missing `--yes`. Every such
   case prints one `error …` line on stderr saying what is wrong. When several files are given,
   each bad one gets its line and the others are still processed; 2 then means "at least one
   failed". Typer also exits 2 on a usage error (unknown option, missing argument).
130 `EXIT_INTERRUPTED`: stopped with Ctrl-C (128 + SIGINT). For `cvparse reprocess` the work
   already sent goes on in the workers; the message on stderr says how to resume.
"""

EXIT_CHECK_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130
