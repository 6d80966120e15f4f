package continuum.imaging;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.continuum.dicom.data.UidGenerator;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The RIS settings ({@code continuum.imaging.*}): the UID root under which Study Instance
 * UIDs are made ({@code CONTINUUM_IMAGING_UID_ROOT}; the default {@code 2.25} makes
 * UUID-derived UIDs, PS3.5 §B.2, which need no registered root), the placer application
 * name of orders from the chart, the scheduling department whose CT, MRI and ultrasound
 * schedules steps are booked on, the station AE title of each modality's steps
 * ({@code continuum.imaging.stations.CT=CT1}), and whether the modality worklist also
 * returns steps already in progress.
 */
@Validated
@ConfigurationProperties("continuum.imaging")
record ImagingSettings(@DefaultValue("2.25") String uidRoot, @DefaultValue("CONTINUUM") String placerApplication,
		@DefaultValue("Radiology") String department, @Nullable Map<String, String> stations,
		@DefaultValue("false") boolean worklistIncludesInProgress) {

	/** The hospital's zone: DICOM dates and times in the worklist are local to it. */
	static final ZoneId ZONE = ZoneId.of("Europe/Brussels");

	private static final Map<String, String> DEFAULT_STATIONS = Map.of("CT", "CT1", "MR", "MR1", "US", "US1", "DX",
			"DX1", "CR", "CR1", "MG", "MG1");

	ImagingSettings {
		new UidGenerator(uidRoot);
		Map<String, String> merged = new LinkedHashMap<>(DEFAULT_STATIONS);
		if (stations != null) {
			stations.forEach((modality, ae) -> {
				if (!ae.matches("[\\x20-\\x5B\\x5D-\\x7E]{1,16}") || ae.isBlank()) {
					throw new IllegalArgumentException(
							"continuum.imaging.stations." + modality + " is not an AE title: " + ae);
				}
				merged.put(modality.toUpperCase(Locale.ROOT), ae.strip());
			});
		}
		stations = Map.copyOf(merged);
	}

	/** The station AE title a step of this modality is scheduled on; null if none. */
	@Nullable String station(String modality) {
		return stations == null ? null : stations.get(modality);
	}

}
