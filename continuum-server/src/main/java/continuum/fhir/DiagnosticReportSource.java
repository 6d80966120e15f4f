package continuum.fhir;

import java.util.List;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.IdType;

/**
 * One module's DiagnosticReports (the laboratory's, radiology's). HAPI serves one
 * provider per resource type, so {@link DiagnosticReportResourceProvider} answers for all
 * and hands each request to the sources: a read to the source that owns the id (ids of
 * different sources never collide: radiology's start {@code img-}), and so do a vread and
 * an instance's history; a type's history merges every source's versions; a search to
 * every source whose category it names, their matches concatenated in source order.
 */
public interface DiagnosticReportSource {

	/** Whether the id names one of this source's reports. */
	boolean owns(String id);

	/** The report, or one of its versions when the id carries one (vread). */
	DiagnosticReport read(IdType id);

	/** The versions of one report ({@code _history}), newest first. */
	IBundleProvider history(IdType id, HistoryPages.Window window);

	/** This source's part of the type's {@code _history}. */
	HistoryPages.Source history();

	/**
	 * Whether the search can match this source's reports at all (its {@code category}, a
	 * {@code based-on} of a kind this source has...).
	 */
	boolean mayMatch(DiagnosticReportSearch search);

	/**
	 * The matches from {@code first}, at most {@code size} (0: the total alone), with the
	 * resources {@code _include} asks for and the total number of matches.
	 */
	Page search(DiagnosticReportSearch search, int first, int size);

	/**
	 * For a search sorted across sources: the first {@code limit} matches in the order of
	 * the search's {@code _sort} (ties in the source's own order), as ids and sort
	 * values, and the number of all matches. Checks the caller's access and leaves out
	 * restricted records as {@link #search} does; not audited, since nothing of it
	 * reaches the client but the total: the page chosen from it is then read by id
	 * through {@link #search}, which audits the search and every match shown.
	 */
	RankedMatch.Ranking rank(DiagnosticReportSearch search, int limit);

	record Page(List<DiagnosticReport> matches, List<IBaseResource> included, int total) {

		public static final Page EMPTY = new Page(List.of(), List.of(), 0);

	}

}
