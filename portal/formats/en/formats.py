from portal.formats.iso import *  # noqa: F403
