"""Read-side queries: querysets and DataFrames for views, charts and exports, one module per page.

Every reader-facing number goes through ``cells.build_cells``; see that module for why.
"""

from .article import ArticleData, Segment, article_data, highlight_segments  # noqa: F401
from .base import (  # noqa: F401,E501
    FAMILIES,
    PUBLIC_STATUSES,
    REVIEW_CHOICES,
    REVIEWED_STATUSES,
    STATUS_RANK,
    FactFilter,
    Family,
    public_facts,
    reviewed_only,
    unrejected_facts,
    visible_facts,
)
from .catalogue import (  # noqa: F401
    MetricInfo,
    article_url_template,
    district_choices,
    existing_ids,
    in_place_order,
    metric_catalogue,
    metrics_by_category,
    subdistrict_choices,
)
from .cells import (  # noqa: F401
    CELL_COLUMNS,
    DETAIL_VALUES,
    FACT_VALUES,
    LIGHT_VALUES,
    Cell,
    Reading,
    attach_details,
    build_cells,
    cells_for,
    cells_frame,
    latest_per_place,
    readings_by_place_and_year,
    records,
)
from .export_rows import (  # noqa: F401
    FACT_COLUMNS,
    INITIATIVE_COLUMNS,
    WideTable,
    count_facts,
    count_initiatives,
    display_sql,
    fact_csv_sql,
    iter_fact_rows,
    iter_fact_tuples,
    iter_initiative_tuples,
    wide_table,
)
from .metric import (  # noqa: F401
    TABLE_VALUES,
    FactTable,
    conflicting_fact_ids,
    evidence_excerpt,
    fact_table,
    metric_district_cells,
    metric_trend_cells,
    metric_unreported_places,
    metric_year_cells,
    metric_year_counts,
    metric_years,
)
from .overview import Coverage, FamilyData, OverviewData, coverage, overview  # noqa: F401
from .place import (  # noqa: F401
    PlaceProfile,
    compare_cells,
    compare_place_choices,
    default_compare_places,
    metric_place_counts,
    place_articles,
    place_profile,
    place_texts,
    places_by_id,
)
