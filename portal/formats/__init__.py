"""Dates read YYYY-MM-DD in both languages (FORMAT_MODULE_PATH in settings).

Django's own Korean and English formats would print 2025년 12월 31일 and Dec. 31, 2025 wherever a
template used ``|date`` without a format or showed a date as it is, beside the ISO dates everywhere
else. Only the display formats are set here; what forms accept stays Django's.
"""
