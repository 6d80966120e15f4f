-- The impact analysis of an outage reads the messages queued in its window: by creation time.
create index notification_outbox_created on notification_outbox (created_at, id);
