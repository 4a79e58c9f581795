"""The one resource every asset uses: the Heatcheck home and its warehouse."""

from dagster import ConfigurableResource
from pydantic import Field

from heatcheck.home import Home
from heatcheck.warehouse import Warehouse


class HeatcheckHome(ConfigurableResource):
    """Where the warehouse, the analyst snapshot, the inbox and the reports live."""

    root: str = Field(description="The home folder (--home or HEATCHECK_HOME; default ./data).")
    warehouse_connection: str | None = Field(
        default=None,
        description="DuckDB connection string of the warehouse; default <home>/warehouse.duckdb. "
        "A hosted DuckDB service (md:...) works too.",
    )

    def home(self) -> Home:
        return Home.at(self.root, self.warehouse_connection)

    def warehouse(self) -> Warehouse:
        return Warehouse(self.home().warehouse_connection)
