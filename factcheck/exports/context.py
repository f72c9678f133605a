"""Everything a format writer needs: the database, the selection, the configuration, provenance."""

from dataclasses import dataclass

from factcheck.db import Database
from factcheck.exports.options import ExportConfig, ExportFilters


@dataclass(frozen=True)
class ExportContext:
    db: Database
    filters: ExportFilters
    config: ExportConfig
    provenance: dict

    def store_arguments(self) -> dict:
        return self.filters.store_arguments()
