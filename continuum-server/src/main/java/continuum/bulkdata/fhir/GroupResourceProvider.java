package continuum.bulkdata.fhir;

import java.util.List;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import continuum.bulkdata.ExportLevel;
import continuum.bulkdata.Groups;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.StringType;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * FHIR Group, for bulk exports: read and search of the groups a client can export (a
 * ward's patients, a department's), and {@code Group/[id]/$export}. A group is shown
 * without its members (who lies on which ward is read when an export starts, and audited
 * as that export's), as an actual group of persons with its name.
 */
@Component
public class GroupResourceProvider implements IResourceProvider {

	private final Groups groups;

	private final ExportKickOff kickOff;

	GroupResourceProvider(Groups groups, ExportKickOff kickOff) {
		this.groups = groups;
		this.kickOff = kickOff;
	}

	@Override
	public Class<Group> getResourceType() {
		return Group.class;
	}

	@Read
	public Group read(@IdParam IdType id) {
		return groups.find(id.getIdPart())
			.map(GroupResourceProvider::toFhir)
			.orElseThrow(() -> new ResourceNotFoundException(id));
	}

	@Search
	public List<Group> search() {
		return groups.all().stream().map(GroupResourceProvider::toFhir).toList();
	}

	@Operation(name = "$export", idempotent = true, manualResponse = true)
	public void export(@IdParam IdType id,
			@OperationParam(name = "_outputFormat", max = 1) @Nullable StringType outputFormat,
			@OperationParam(name = "_since", max = 1) @Nullable StringType since,
			@OperationParam(name = "_type") @Nullable List<StringType> types,
			@OperationParam(name = "_typeFilter") @Nullable List<StringType> typeFilters,
			ServletRequestDetails request) {
		String group = id.getIdPart();
		if (groups.find(group).isEmpty()) {
			throw new ResourceNotFoundException(id);
		}
		kickOff.kickOff(ExportLevel.GROUP, group, request, outputFormat, since, types, typeFilters);
	}

	private static Group toFhir(Groups.Group group) {
		Group resource = new Group();
		resource.setId(group.id());
		resource.setActive(true);
		resource.setType(Group.GroupType.PERSON);
		resource.setActual(true);
		resource.setName(group.name());
		return resource;
	}

}
