package continuum.imaging.hl7;

import java.util.ArrayList;
import java.util.List;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.AbstractGroup;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Structure;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads a reply as a placer would, with HAPI's v2.5.1 model and its default validation
 * (data types of every primitive), and checks it against the model's structure: the
 * message structure named, every segment in a place the structure has for it (only the
 * ZDS of an ORR^O02 is outside, as IHE defines it), every required segment and group of a
 * present group there.
 */
final class Hl7Replies {

	private Hl7Replies() {
	}

	@SuppressWarnings("unchecked")
	static <T extends Message> T parse(String er7, Class<T> structure) throws HL7Exception {
		HapiContext hapi = new DefaultHapiContext();
		hapi.setModelClassFactory(new CanonicalModelClassFactory("2.5.1"));
		hapi.setValidationContext(ValidationContextFactory.defaultValidation());
		Message message = hapi.getPipeParser().parse(er7);
		assertThat(message).as(er7).isInstanceOf(structure);
		List<String> problems = new ArrayList<>();
		walk(message, message.getName(), problems);
		assertThat(problems).as(er7).isEmpty();
		return (T) message;
	}

	/**
	 * A choice of segments (ORR^O02's OBR, RQD, RQ1, RXO, ODS or ODT) needs one of them.
	 */
	private static void walk(Group group, String path, List<String> problems) throws HL7Exception {
		AbstractGroup structure = (AbstractGroup) group;
		List<String> choices = new ArrayList<>();
		boolean chosen = false;
		for (String name : group.getNames()) {
			List<Structure> present = new ArrayList<>();
			for (Structure rep : group.getAll(name)) {
				if (!rep.isEmpty()) {
					present.add(rep);
				}
			}
			boolean nonStandard = structure.getNonStandardNames().contains(name);
			if (nonStandard && !present.isEmpty() && !name.startsWith("ZDS")) {
				problems.add(path + "/" + name + " is not where the v2.5.1 structure has it");
			}
			if (!nonStandard && structure.isChoiceElement(name)) {
				choices.add(name);
				chosen |= !present.isEmpty();
			}
			else if (!nonStandard && group.isRequired(name) && present.isEmpty()) {
				problems.add(path + "/" + name + " is required and missing");
			}
			for (Structure rep : present) {
				if (rep instanceof Group child) {
					walk(child, path + "/" + name, problems);
				}
			}
		}
		if (!choices.isEmpty() && !chosen) {
			problems.add(path + ": none of " + choices + " is there");
		}
	}

}
