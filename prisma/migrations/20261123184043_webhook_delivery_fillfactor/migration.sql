-- Leave room on each page so that leasing a delivery (leaseToken, leaseUntil: columns no index covers) is a HOT
-- update: a claim of 1,000 deliveries then rewrites no index entries. Storage parameters are not in schema.prisma.
ALTER TABLE "WebhookDelivery" SET (fillfactor = 70);
