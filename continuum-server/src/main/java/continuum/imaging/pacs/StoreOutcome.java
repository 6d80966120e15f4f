package continuum.imaging.pacs;

import org.jspecify.annotations.Nullable;

/**
 * The answer to one object offered to the PACS ({@link PacsStore}): what became of it and
 * the C-STORE status that says so (PS3.4 §B.2.3), which STOW-RS reports as well (PS3.18
 * §10.5.3, Failure Reason / Warning Reason). {@code comment} is for the Error Comment and
 * logs: codes and UIDs, never patient data.
 */
public record StoreOutcome(Disposition disposition, int status, @Nullable String sopClassUid,
		@Nullable String sopInstanceUid, @Nullable String studyInstanceUid, boolean quarantined,
		@Nullable String comment) {

	public enum Disposition {

		/** Stored and indexed (Success 0000). */
		STORED,

		/** Replaced the object held under its SOP Instance UID (Success 0000). */
		REPLACED,

		/** The same bytes were already held (Success 0000). */
		ALREADY_HELD,

		/**
		 * Other bytes are held under the SOP Instance UID and were kept (Warning B000,
		 * Coercion of Data Elements).
		 */
		KEPT_FIRST,

		/** Not stored: A900 or C000 with the reason in {@code comment}. */
		REFUSED

	}

	/**
	 * Whether the object is now held (every disposition but {@link Disposition#REFUSED}).
	 */
	public boolean held() {
		return disposition != Disposition.REFUSED;
	}

}
