-- The set of customer ids the snapshot hashes, as a count and a sum of hashes.
SELECT count(*), coalesce(sum(hash(customer_id)::HUGEINT), 0)::VARCHAR FROM customer_ids;
