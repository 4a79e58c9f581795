{#- dbt-duckdb 1.11 writes the new rows of an incremental Python model to a plain table named as
    a temporary one (main.<model>__dbt_tmp<timestamp>) and, taking it for temporary, never drops
    it: one more table in the warehouse and its snapshot with every build. A post-hook of such a
    model drops them once the rows are merged. -#}
{% macro drop_python_increment_tables(relation) -%}
    {%- if execute -%}
        {%- set leftovers = run_query(
            "select schema_name, table_name from duckdb_tables() where database_name = current_database()"
            ~ " and starts_with(table_name, '" ~ relation.identifier ~ "__dbt_tmp')"
        ) -%}
        {%- for row in leftovers.rows -%}
            drop table if exists "{{ row[0] }}"."{{ row[1] }}";
        {% endfor -%}
    {%- endif -%}
{%- endmacro %}
