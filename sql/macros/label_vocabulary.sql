{#- The playbook is the one list of practices and signals. The label stage writes the list it
    used to labels.label_vocabulary, and the models loop over it, so a label added to the
    playbook reaches every mart without a line of SQL typed. -#}

{% macro label_names(kind) -%}
    {#- The labels of one kind (practice or signal), in playbook order. While dbt parses (and
        while the linter reads the models) nothing is queried: one placeholder stands in. -#}
    {%- if not execute -%}
        {{ return(['a_' ~ kind]) }}
    {%- endif -%}
    {%- set found = run_query(
        "select label from " ~ source('labels', 'label_vocabulary') ~ " where kind = '" ~ kind ~ "' order by position"
    ) -%}
    {{ return(found.columns[0].values() | list) }}
{%- endmacro %}

{% macro label_with_role(role) -%}
    {#- A label the SQL gives a job (thanks: a plain thank-you; promise: a follow-up promise),
        quoted as a SQL string. The playbook module assigns the roles. -#}
    {%- if not execute -%}
        {{ return("''") }}
    {%- endif -%}
    {%- set found = run_query(
        "select label from " ~ source('labels', 'label_vocabulary') ~ " where role = '" ~ role ~ "'"
    ) -%}
    {%- if found.rows | length != 1 -%}
        {{ exceptions.raise_compiler_error("labels.label_vocabulary has no single label with role " ~ role) }}
    {%- endif -%}
    {{ return("'" ~ found.columns[0].values()[0] ~ "'") }}
{%- endmacro %}

{% macro any_label_flags(column, labels, suffix='') -%}
    {#- One boolean per label: whether any row of the group has it in `column`. -#}
    {%- for label in labels -%}
        bool_or({{ column }} = '{{ label }}') as {{ label }}{{ suffix }}{{ ", " if not loop.last }}
    {%- endfor -%}
{%- endmacro %}

{% macro answered_shares(practices) -%}
    {#- Per practice, the share of the group's answered tickets whose agents used it. -#}
    {%- for practice in practices -%}
        avg(coalesce({{ practice }}, false)::integer) filter (where public_agent_messages > 0)
        as {{ practice }}_share{{ ", " if not loop.last }}
    {%- endfor -%}
{%- endmacro %}
