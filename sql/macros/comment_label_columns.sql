{#- The practice and signal columns are generated from the playbook, so their comments come from
    it too: each label's own description in labels.label_vocabulary. -#}
{% macro comment_label_columns() -%}
    {%- if execute -%}
        {%- set vocabulary = run_query("select label, kind, description from " ~ source('labels', 'label_vocabulary')) -%}
        {%- set facts = adapter.get_relation(database=target.database, schema='marts', identifier='message_facts') -%}
        {%- for label, kind, text in vocabulary.rows -%}
            {%- set description = text | replace("'", "''") -%}
            {%- if facts is not none -%}
                {%- do run_query("comment on column " ~ facts ~ "." ~ label ~ " is '" ~ kind ~ ": " ~ description ~ "'") -%}
            {%- endif -%}
            {%- if kind == 'practice' -%}
                {%- for weekly in ('weekly_kpis', 'agent_weekly', 'team_weekly') -%}
                    {%- set relation = adapter.get_relation(
                        database=target.database, schema='marts', identifier=weekly
                    ) -%}
                    {%- if relation is not none -%}
                        {%- do run_query(
                            "comment on column " ~ relation ~ "." ~ label ~ "_share is 'Share of the answered tickets"
                            ~ " whose agent replies used " ~ label ~ ": " ~ description ~ "'"
                        ) -%}
                    {%- endif -%}
                {%- endfor -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
{%- endmacro %}
