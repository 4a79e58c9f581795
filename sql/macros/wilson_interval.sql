{#- 95% Wilson score interval for k successes out of n (z = 1.96): honest at small n, where the
    plain p ± 1.96·sqrt(p(1-p)/n) interval collapses to zero width. NULL when n is 0. -#}
{% macro wilson_low(k, n) -%}
    case when {{ n }} > 0 then ({{ k }} + 1.9208) / ({{ n }} + 3.8416) - 1.96 * sqrt({{ k }} * ({{ n }} - {{ k }}) / {{ n }} + 0.9604) / ({{ n }} + 3.8416) end
{%- endmacro %}

{% macro wilson_high(k, n) -%}
    case when {{ n }} > 0 then ({{ k }} + 1.9208) / ({{ n }} + 3.8416) + 1.96 * sqrt({{ k }} * ({{ n }} - {{ k }}) / {{ n }} + 0.9604) / ({{ n }} + 3.8416) end
{%- endmacro %}
