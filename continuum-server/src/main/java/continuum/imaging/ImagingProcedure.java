package continuum.imaging;

/**
 * One orderable procedure of the catalogue: the Requested Procedure Code (0032,1064) as
 * code value, coding scheme designator and meaning, the modality (0008,0060) and body
 * part (0018,0015) defined terms, and the minutes it takes on the modality's schedule.
 */
public record ImagingProcedure(String code, String codingScheme, String display, String modality, String bodyPart,
		int durationMinutes) {
}
