package continuum.adt;

import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Validates resources against the R4 base specification; one shared instance, since
 * building it is slow.
 */
final class R4Validation {

	private static FhirValidator validator;

	private R4Validation() {
	}

	static synchronized FhirValidator validator() {
		if (validator == null) {
			FhirContext context = FhirContext.forR4Cached();
			ValidationSupportChain chain = new ValidationSupportChain(new DefaultProfileValidationSupport(context),
					new InMemoryTerminologyServerValidationSupport(context),
					new CommonCodeSystemsTerminologyService(context));
			validator = context.newValidator();
			validator.registerValidatorModule(new FhirInstanceValidator(chain));
		}
		return validator;
	}

	/**
	 * The error and fatal messages, each with its location; empty when the resource is
	 * valid.
	 */
	static List<String> errors(IBaseResource resource) {
		return validator().validateWithResult(resource)
			.getMessages()
			.stream()
			.filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
			.map(R4Validation::describe)
			.toList();
	}

	private static String describe(SingleValidationMessage message) {
		return message.getLocationString() + ": " + message.getMessage();
	}

}
