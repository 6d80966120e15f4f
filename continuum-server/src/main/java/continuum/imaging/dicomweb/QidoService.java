package continuum.imaging.dicomweb;

import java.util.List;
import java.util.Locale;

import continuum.imaging.pacs.QueryLevel;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Runs a QIDO-RS search for the current caller: access check, index query, and the audit
 * of the search and of every study it shows, in one transaction.
 */
@Service
class QidoService {

	/** The rows to show, and whether more matched than the limit let through. */
	record Result(List<QidoRepository.Row> rows, boolean more) {
	}

	private final QidoRepository repository;

	private final StudyAccess access;

	QidoService(QidoRepository repository, StudyAccess access) {
		this.repository = repository;
		this.access = access;
	}

	@Transactional
	Result search(QidoQuery query) {
		access.requireSearch();
		List<QidoRepository.Row> rows = repository.search(query);
		boolean more = rows.size() > query.limit();
		List<QidoRepository.Row> shown = more ? rows.subList(0, query.limit()) : rows;
		access.searched("QIDO-RS " + levelName(query) + " search", StudyAccess.byStudy(shown));
		return new Result(List.copyOf(shown), more);
	}

	private static String levelName(QidoQuery query) {
		return query.level() == QueryLevel.IMAGE ? "instance" : query.level().name().toLowerCase(Locale.ROOT);
	}

}
