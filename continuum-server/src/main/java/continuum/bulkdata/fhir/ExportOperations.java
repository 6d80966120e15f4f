package continuum.bulkdata.fhir;

import java.util.List;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import continuum.bulkdata.ExportLevel;
import continuum.fhir.PlainProvider;
import org.hl7.fhir.r4.model.StringType;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * {@code [base]/$export} and {@code [base]/Patient/$export} (Bulk Data Access IG v2): the
 * system-level export (every patient's compartment; the server exports patient data only)
 * and the Patient-level one (every patient). GET with query parameters or POST with a
 * Parameters body.
 */
@Component
public class ExportOperations implements PlainProvider {

	private final ExportKickOff kickOff;

	ExportOperations(ExportKickOff kickOff) {
		this.kickOff = kickOff;
	}

	@Operation(name = "$export", idempotent = true, manualResponse = true)
	public void systemExport(@OperationParam(name = "_outputFormat", max = 1) @Nullable StringType outputFormat,
			@OperationParam(name = "_since", max = 1) @Nullable StringType since,
			@OperationParam(name = "_type") @Nullable List<StringType> types,
			@OperationParam(name = "_typeFilter") @Nullable List<StringType> typeFilters,
			ServletRequestDetails request) {
		kickOff.kickOff(ExportLevel.SYSTEM, null, request, outputFormat, since, types, typeFilters);
	}

	@Operation(name = "$export", typeName = "Patient", idempotent = true, manualResponse = true)
	public void patientExport(@OperationParam(name = "_outputFormat", max = 1) @Nullable StringType outputFormat,
			@OperationParam(name = "_since", max = 1) @Nullable StringType since,
			@OperationParam(name = "_type") @Nullable List<StringType> types,
			@OperationParam(name = "_typeFilter") @Nullable List<StringType> typeFilters,
			ServletRequestDetails request) {
		kickOff.kickOff(ExportLevel.PATIENT, null, request, outputFormat, since, types, typeFilters);
	}

}
