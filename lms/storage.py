"""Old home of the private storage, kept for migrations that name it.

`certificates` 0004 and `workshops` 0002 refer to `lms.storage`; landed migrations
stay as they are, so this name must keep working. New code imports
`lms.shared.storage`.
"""

from lms.shared.storage import move_private_files, private_storage

__all__ = ["move_private_files", "private_storage"]
