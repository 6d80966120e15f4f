package continuum.fhir;

import java.util.List;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.util.IModelVisitor2;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.jspecify.annotations.Nullable;

/**
 * Refuses a resource with a control character in any of its values: FHIR strings may not
 * hold characters below U+0020 other than tab, line feed and carriage return (R4
 * §2.24.0.1), and PostgreSQL cannot store U+0000 at all. The error names the element,
 * never the value.
 */
final class StringContent {

	private StringContent() {
	}

	static void requireNoControlCharacters(FhirContext context, IBaseResource resource) {
		context.newTerser().visit(resource, new IModelVisitor2() {
			@Override
			public boolean acceptElement(IBase element, List<IBase> containingElementPath,
					List<BaseRuntimeChildDefinition> childDefinitionPath,
					List<BaseRuntimeElementDefinition<?>> elementDefinitionPath) {
				if (element instanceof IPrimitiveType<?> primitive) {
					int at = controlCharacterAt(primitive.getValueAsString());
					if (at >= 0) {
						throw new InvalidRequestException(path(resource, childDefinitionPath) + " holds the control "
								+ "character U+" + String.format("%04X", (int) primitive.getValueAsString().charAt(at))
								+ ": FHIR values may not contain characters below U+0020 other than tab, line feed "
								+ "and carriage return");
					}
				}
				return true;
			}
		});
	}

	/** The position of the first forbidden character, or -1. */
	static int controlCharacterAt(@Nullable String value) {
		if (value == null) {
			return -1;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
				return i;
			}
		}
		return -1;
	}

	private static String path(IBaseResource resource, List<BaseRuntimeChildDefinition> children) {
		StringBuilder path = new StringBuilder(resource.fhirType());
		for (BaseRuntimeChildDefinition child : children) {
			path.append('.').append(child.getElementName());
		}
		return path.toString();
	}

}
