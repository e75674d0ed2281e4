"""Web pages served by `cvparse serve`: upload (job seeker) and review (advisor).

Server-rendered Jinja2 templates and a little plain JavaScript that calls the same JSON API;
no build step, no external CDN: every asset is served by the app."""
