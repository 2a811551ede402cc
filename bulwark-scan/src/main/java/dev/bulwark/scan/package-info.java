/**
 * Scan orchestration and reports: runs the selected scanners over one artifact in a single pass, caches per-layer
 * results, applies filters, suppressions and gates, and renders the report in every output format.
 */
package dev.bulwark.scan;
