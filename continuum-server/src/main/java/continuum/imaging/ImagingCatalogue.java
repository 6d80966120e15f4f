package continuum.imaging;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The procedures that can be ordered (migration {@code V451}), read once at start: the
 * catalogue is configuration, not patient data, and changes with a migration.
 */
@Service
public class ImagingCatalogue {

	private final Map<String, ImagingProcedure> procedures = new LinkedHashMap<>();

	ImagingCatalogue(JdbcClient jdbc) {
		jdbc.sql("""
				select code, coding_scheme, display, modality, body_part, duration_minutes
				from imaging_procedure where active order by modality, display""")
			.query((rs, n) -> new ImagingProcedure(rs.getString("code"), rs.getString("coding_scheme"),
					rs.getString("display"), rs.getString("modality"), rs.getString("body_part"),
					rs.getInt("duration_minutes")))
			.list()
			.forEach(p -> procedures.put(p.code(), p));
	}

	/** Every active procedure, by modality and name. */
	public Collection<ImagingProcedure> procedures() {
		return procedures.values();
	}

	public Optional<ImagingProcedure> procedure(String code) {
		return Optional.ofNullable(procedures.get(code));
	}

	/** The modalities the catalogue orders, in catalogue order. */
	public List<String> modalities() {
		return procedures.values().stream().map(ImagingProcedure::modality).distinct().toList();
	}

}
