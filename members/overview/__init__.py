"""The home dashboard: figures and charts of the user's scope across the three chains; each
topic and app registers its own figures (``registry``)."""
