SELECT fingerprint FROM staging.build_marks WHERE consumer = $consumer;
