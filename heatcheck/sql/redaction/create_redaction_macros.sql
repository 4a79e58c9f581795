-- redact_contact_details(text): e-mail addresses, card numbers and phone numbers replaced by
-- [email], [card] and [phone], the same rules as heatcheck/redaction.py, step by step. Temporary
-- macros, so they are never copied into the snapshot. The patterns are bound into one variable
-- by the last statement (DuckDB binds parameters in a script's last statement only).

CREATE OR REPLACE TEMP MACRO contact_digits(candidate) AS regexp_replace(candidate, '[^0-9]', '', 'g');

-- The check digit every payment card number carries (ISO/IEC 7812): from the right, every
-- second digit doubled, less 9 when that makes two digits.
CREATE OR REPLACE TEMP MACRO passes_luhn(digits) AS list_sum(list_transform(
    string_split(reverse(digits), ''),
    lambda digit, position: CASE
        WHEN position % 2 = 1 THEN CAST(digit AS INTEGER)
        WHEN CAST(digit AS INTEGER) > 4 THEN CAST(digit AS INTEGER) * 2 - 9
        ELSE CAST(digit AS INTEGER) * 2
    END
)) % 10 = 0;

-- is_phone of heatcheck/redaction.py: not a date; 8 to 15 digits after a country prefix; 10 or 11
-- when grouped; bare, exactly 10, or 11 starting with 1.
CREATE OR REPLACE TEMP MACRO is_phone(candidate) AS
    NOT regexp_matches(trim(candidate, '()'), getvariable('redaction_patterns').date_like)
    AND CASE
        WHEN starts_with(candidate, '+') OR starts_with(candidate, '00')
            THEN length(contact_digits(candidate)) BETWEEN 8 AND 15
        WHEN regexp_matches(candidate, getvariable('redaction_patterns').phone_grouped)
            THEN length(contact_digits(candidate)) BETWEEN 10 AND 11
        ELSE length(contact_digits(candidate)) = 10
            OR (length(contact_digits(candidate)) = 11 AND starts_with(contact_digits(candidate), '1'))
    END;

-- A text put back together around its matches: the pieces between them, and for each match
-- what stood before the candidate and what replaces the candidate (itself, or a placeholder).
-- Each match is decided on its own, as Python's re.sub with a function does.
CREATE OR REPLACE TEMP MACRO stitched(pieces, befores, replacements) AS list_reduce(
    list_transform(replacements, lambda replacement, i: befores[i] || replacement || pieces[i + 1]),
    lambda text, part: text || part,
    pieces[1]
);

CREATE OR REPLACE TEMP MACRO redact_card_runs(text) AS CASE
    WHEN NOT regexp_matches(text, getvariable('redaction_patterns').card_run) THEN text
    ELSE stitched(
        regexp_split_to_array(text, getvariable('redaction_patterns').card_run),
        list_transform(regexp_extract_all(text, getvariable('redaction_patterns').card_run), lambda run: ''),
        list_transform(
            regexp_extract_all(text, getvariable('redaction_patterns').card_run),
            lambda run: CASE WHEN passes_luhn(run) THEN '[card]' ELSE run END
        )
    )
END;

CREATE OR REPLACE TEMP MACRO redact_phones(text) AS CASE
    WHEN NOT regexp_matches(text, getvariable('redaction_patterns').phone_candidate) THEN text
    ELSE stitched(
        regexp_split_to_array(text, getvariable('redaction_patterns').phone_candidate),
        regexp_extract_all(text, getvariable('redaction_patterns').phone_candidate, 1),
        list_transform(
            regexp_extract_all(text, getvariable('redaction_patterns').phone_candidate, 2),
            lambda candidate: CASE WHEN is_phone(candidate) THEN '[phone]' ELSE candidate END
        )
    )
END;

-- E-mail addresses first, so the digits of an address are not read as a phone number; cards
-- before phones, so a card number is named as a card. Each step's result passes to the next as a
-- lambda's argument: a macro's argument is pasted in wherever it is used, so nesting the steps
-- directly would compute the earlier ones again for every use.
-- Most texts hold neither an "@" nor seven digits and separators in a row, which every card and
-- phone number has: they are passed through after one quick look.
CREATE OR REPLACE TEMP MACRO redact_contact_details(text) AS CASE
    WHEN NOT (contains(text, '@') OR regexp_matches(text, '[0-9][0-9 ().-]{5,}[0-9]')) THEN text
    ELSE list_transform(
        list_transform(
            [regexp_replace(
                regexp_replace(text, getvariable('redaction_patterns').email, '[email]', 'g'),
                getvariable('redaction_patterns').card_grouped,
                '[card]',
                'g'
            )],
            lambda without_emails: redact_card_runs(without_emails)
        ),
        lambda without_cards: redact_phones(without_cards)
    )[1]
END;

SET VARIABLE redaction_patterns = {
    email: $email,
    card_grouped: $card_grouped,
    card_run: $card_run,
    phone_candidate: $phone_candidate,
    phone_grouped: $phone_grouped,
    date_like: $date_like
};
