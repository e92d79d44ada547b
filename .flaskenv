# Read by the `flask` command on a developer's machine (python-dotenv). Real environment variables win,
# so a server that sets PORTAL_ENV=production is never in development mode. gunicorn does not read this file.
FLASK_APP=wsgi
PORTAL_ENV=development
