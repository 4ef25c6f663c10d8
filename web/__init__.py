"""The Flask side of the site: everything that is not a Dash layout or a Dash callback.

* Routes: the downloads, the figure kit and short links, the committee handout and presenter view, the booklet
  and the feedback form (the one place the public site accepts writes).
* Helpers of the server: the shared caches, the first view written into each page's HTML, the guard of Dash's
  own routes, the image export process and the render queue that bounds it, cached callback answers as bytes
  and the background renders after start.
"""
