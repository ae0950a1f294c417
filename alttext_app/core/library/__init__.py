"""Images where they live: folders and archives (batch, metadata, web pages, search) and videos.

Qt-free; the CLI sub-commands batch, tag, fix-html, search and video are thin layers over it.
"""
