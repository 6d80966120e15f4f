package continuum.imaging;

import continuum.changes.ChangeFeed;
import continuum.changes.ChangeOperation;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Puts every change of a study into the change feed as {@code ImagingStudy/<id>}: an
 * UPDATE with its patient while it is served (reconciled, of a known patient), a DELETE
 * once it is not (moved to quarantine). Synchronous: the feed entry must commit with the
 * index rows it announces.
 */
@Component
class ImagingStudyFeed {

	private final ImagingStudyRepository studies;

	private final ChangeFeed changes;

	ImagingStudyFeed(ImagingStudyRepository studies, ChangeFeed changes) {
		this.studies = studies;
		this.changes = changes;
	}

	@EventListener
	void on(ImagingStudyChanged event) {
		String id = Long.toString(event.study());
		studies.servedPatient(event.study())
			.ifPresentOrElse(
					patient -> changes.append(ReadingService.IMAGING_STUDY, id, patient.asString(),
							ChangeOperation.UPDATE),
					() -> changes.append(ReadingService.IMAGING_STUDY, id, null, ChangeOperation.DELETE));
	}

}
