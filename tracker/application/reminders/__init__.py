"""Reminders that reach people (DESIGN §3 Reminders).

``due`` works out what is due at a moment from the existing queries (what is
unreported, what 督办 stands where); ``messages`` words it; ``senders`` deliver it
by 企业微信, 钉钉, e-mail or a webhook; ``runner`` claims each notice and each
attempt in the store before sending, so every notice goes out once.
"""
