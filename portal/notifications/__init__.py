"""Emails and text messages: the outbox table, the senders (GOV.UK Notify, SMTP) and the retry job.

Queue messages with `outbox.queue_email`/`queue_sms` in the same transaction as the change that causes them, commit,
then call `outbox.deliver_now`. `flask outbox deliver` (cron, every minute) retries whatever is still waiting.
"""
