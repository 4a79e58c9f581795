INSERT INTO labels.text_sentiment BY NAME
SELECT * FROM scored_texts
