package continuum.subscriptions.fhir;

import java.util.Locale;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.Delete;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Patch;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.PatchTypeEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import continuum.fhir.IfMatch;
import continuum.fhir.JsonPatches;
import continuum.fhir.Paging;
import continuum.fhir.ResourceIds;
import continuum.subscriptions.SubscriptionService;
import continuum.subscriptions.SubscriptionStatus;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Subscription;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * FHIR Subscription (R4, rest-hook channel): create, read, update, delete and search by
 * {@code status}, each on the caller's own subscriptions only; {@code $status} on one of
 * them answers a Parameters with how its deliveries went (docs/fhir.md, "Subscriptions").
 */
@Component
public class SubscriptionResourceProvider implements IResourceProvider {

	private final SubscriptionService subscriptions;

	SubscriptionResourceProvider(SubscriptionService subscriptions) {
		this.subscriptions = subscriptions;
	}

	@Override
	public Class<Subscription> getResourceType() {
		return Subscription.class;
	}

	@Read
	public Subscription read(@IdParam IdType id) {
		return SubscriptionMapper.toFhir(subscriptions.get(ResourceIds.of(id)));
	}

	@Create
	public MethodOutcome create(@ResourceParam Subscription resource) {
		Subscription created = SubscriptionMapper.toFhir(subscriptions.create(SubscriptionMapper.toRequest(resource)));
		return new MethodOutcome(created.getIdElement(), true).setResource(created);
	}

	@Update
	public MethodOutcome update(@IdParam IdType id, @ResourceParam Subscription resource, RequestDetails request) {
		Integer expected = IfMatch.version(id, request);
		Subscription updated = SubscriptionMapper
			.toFhir(subscriptions.update(ResourceIds.of(id), SubscriptionMapper.toRequest(resource), expected));
		return new MethodOutcome(updated.getIdElement(), false).setResource(updated);
	}

	/**
	 * {@code PATCH Subscription/{id}} with a JSON Patch: applied to the current version,
	 * then updated as a PUT would be, at that version (to switch a subscription off, say:
	 * {@code [{"op":"replace","path":"/status","value":"off"}]}).
	 */
	@Patch
	public MethodOutcome patch(@IdParam IdType id, PatchTypeEnum type, @ResourceParam @Nullable String body,
			RequestDetails request) {
		return JsonPatches.patch(id, type, body, request, this::read,
				(target, patched) -> update(target, patched, request));
	}

	@Delete
	public void delete(@IdParam IdType id) {
		subscriptions.delete(ResourceIds.of(id));
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = Subscription.SP_STATUS) @Nullable TokenParam status,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count, RequestDetails request) {
		SubscriptionStatus wanted = null;
		if (status != null) {
			String code = status.getValue() == null ? "" : status.getValue().toLowerCase(Locale.ROOT);
			wanted = switch (code) {
				case "active" -> SubscriptionStatus.ACTIVE;
				case "error" -> SubscriptionStatus.ERROR;
				case "off" -> SubscriptionStatus.OFF;
				default -> null;
			};
			if (wanted == null) {
				return Paging.empty();
			}
		}
		SubscriptionStatus filter = wanted;
		return Paging.page(request, offset, count, () -> (int) subscriptions.count(filter),
				(first, n) -> subscriptions.search(filter, n, first).stream().map(SubscriptionMapper::toFhir).toList());
	}

	/**
	 * {@code GET Subscription/[id]/$status}: the status, the error, the last attempt and
	 * the last success, the failures since, the last failure's reason, and the counts of
	 * delivered, withheld and waiting notifications.
	 */
	@Operation(name = "$status", idempotent = true)
	public Parameters status(@IdParam IdType id) {
		return SubscriptionMapper.status(subscriptions.get(ResourceIds.of(id)));
	}

}
