package continuum.imaging.pacs;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where and how the PACS stores objects ({@code continuum.dicom.store.*}):
 * {@code directory} (default {@code <data dir>/dicom};
 * {@code CONTINUUM_DICOM_STORE_DIRECTORY}), what a second object with a SOP Instance UID
 * already held does ({@code duplicates}: {@code keep-first} or {@code replace}), and
 * whether each file and its directory are fsynced before the Success status
 * ({@code fsync}, off only for throwaway test stores).
 */
@Validated
@ConfigurationProperties("continuum.dicom.store")
record StoreSettings(@Nullable Path directory, @DefaultValue("keep-first") DuplicatePolicy duplicates,
		@DefaultValue("true") boolean fsync) {

	/** What a second store of a SOP Instance UID already held does (PS3.4 §B.2.3). */
	enum DuplicatePolicy {

		/**
		 * The first object stays: the same bytes again answer Success, other bytes
		 * Warning B000 (Coercion of Data Elements: what the SCP holds is not what was
		 * sent).
		 */
		KEEP_FIRST,

		/** The new object replaces the file and its index rows; Success. */
		REPLACE

	}

}
