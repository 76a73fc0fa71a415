"""``fazhi-check serve``: a page for clerks and a JSON endpoint for other systems, on Starlette and
uvicorn (the optional extra ``fazhi-check[serve]``). See docs/serve.md."""
