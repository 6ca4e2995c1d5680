"""Excel exports of the list pages: a list registers what it exports (``registry``); a Celery
task writes the file for the user with the page's filters, with progress and a download link."""
