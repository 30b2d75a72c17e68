"""Tasks and who answers for them (ownership, deputies, 签收): task views, a task's history
(留痕) and the record searched.
"""
