package continuum.imaging;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * A study the PACS holds for a known patient, as its index describes it: the study-level
 * attributes, the requested procedure it was reconciled to (if any), and its series with
 * their instances. {@code instancesListed} is false when only counts were read (search
 * results over many studies list series without instances).
 */
public record ImagingStudyRecord(long id, String studyInstanceUid, PatientId patient, @Nullable String accessionNumber,
		@Nullable LocalDate studyDate, @Nullable LocalTime studyTime, @Nullable String description,
		List<String> modalities, int seriesCount, int instanceCount, Instant updatedAt,
		@Nullable ReportedProcedure procedure, List<Series> series) {

	/** A series of the study. */
	public record Series(String seriesInstanceUid, @Nullable Integer number, @Nullable String modality,
			@Nullable String description, @Nullable String bodyPart, int instanceCount, List<Instance> instances) {
	}

	/** An instance of a series: its SOP Instance and Class UIDs and number. */
	public record Instance(String sopInstanceUid, String sopClassUid, @Nullable Integer number) {
	}

}
