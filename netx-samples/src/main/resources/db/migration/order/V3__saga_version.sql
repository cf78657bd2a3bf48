-- Which version of the place-order chain an orchestrated order ran: set by version 2's screen step,
-- empty for version 1 and for choreographed orders.
ALTER TABLE orders ADD COLUMN saga_version INT;
