{#- Stable names for analysts in the main schema: one view per mart and label table, so
    `select * from ticket_metrics` works in the snapshot whatever the layers below are called. -#}
{% macro create_analyst_views() -%}
    {%- if execute -%}
        {%- for node in graph.nodes.values()
            if node.resource_type == 'model' and node.config.schema == 'marts' -%}
            {%- set relation = adapter.get_relation(
                database=node.database, schema='marts', identifier=node.alias
            ) -%}
            {%- if relation is not none -%}
                {%- do run_query("create or replace view main." ~ node.alias ~ " as select * from " ~ relation) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- for table in ('message_labels', 'message_sentiment', 'ticket_labels') -%}
            {%- do run_query("create or replace view main." ~ table ~ " as select * from " ~ source('labels', table)) -%}
        {%- endfor -%}
    {%- endif -%}
{%- endmacro %}
