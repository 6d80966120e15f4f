package continuum.subscriptions.fhir;

import java.util.Date;
import java.util.List;

import continuum.platform.InvalidInputException;
import continuum.subscriptions.Subscription;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.jspecify.annotations.Nullable;

/** Subscription between its stored form and FHIR R4. */
final class SubscriptionMapper {

	private SubscriptionMapper() {
	}

	static org.hl7.fhir.r4.model.Subscription toFhir(Subscription s) {
		org.hl7.fhir.r4.model.Subscription fhir = new org.hl7.fhir.r4.model.Subscription();
		fhir.setId(new IdType("Subscription", Long.toString(s.id()), Integer.toString(s.version())));
		fhir.getMeta().setVersionId(Integer.toString(s.version())).setLastUpdated(Date.from(s.lastUpdated()));
		fhir.setStatus(org.hl7.fhir.r4.model.Subscription.SubscriptionStatus.fromCode(s.status().code()));
		fhir.setCriteria(s.criteria());
		if (s.reason() != null) {
			fhir.setReason(s.reason());
		}
		if (s.error() != null) {
			fhir.setError(s.error());
		}
		if (s.end() != null) {
			fhir.setEndElement(new InstantType(Date.from(s.end())));
		}
		org.hl7.fhir.r4.model.Subscription.SubscriptionChannelComponent channel = fhir.getChannel();
		channel.setType(org.hl7.fhir.r4.model.Subscription.SubscriptionChannelType.RESTHOOK);
		channel.setEndpoint(s.endpoint());
		if (s.payload() != null) {
			channel.setPayload(s.payload());
		}
		s.headers().forEach(channel::addHeader);
		return fhir;
	}

	static Subscription.Request toRequest(org.hl7.fhir.r4.model.Subscription fhir) {
		if (!fhir.hasReason()) {
			throw new InvalidInputException("Subscription.reason is required (R4: why this subscription is needed)");
		}
		org.hl7.fhir.r4.model.Subscription.SubscriptionChannelComponent channel = fhir.getChannel();
		List<String> headers = channel.getHeader().stream().map(StringType::getValue).toList();
		return new Subscription.Request(fhir.hasStatus() ? fhir.getStatus().toCode() : null,
				fhir.hasCriteria() ? fhir.getCriteria() : null, channelType(fhir),
				channel.hasEndpoint() ? channel.getEndpoint() : null,
				channel.hasPayload() ? channel.getPayload() : null, headers,
				fhir.hasEnd() ? fhir.getEnd().toInstant() : null, fhir.getReason());
	}

	/**
	 * The channel type as sent: HAPI's parser keeps a code outside R4's value set as the
	 * element's text, so that it can be named in the refusal.
	 */
	private static @Nullable String channelType(org.hl7.fhir.r4.model.Subscription fhir) {
		if (!fhir.getChannel().hasTypeElement()) {
			return null;
		}
		return fhir.getChannel().getTypeElement().getValueAsString();
	}

	/**
	 * {@code $status}: the subscription's status and error, and how its deliveries went.
	 */
	static Parameters status(Subscription s) {
		Parameters parameters = new Parameters();
		parameters.addParameter()
			.setName("subscription")
			.setValue(new org.hl7.fhir.r4.model.Reference("Subscription/" + s.id()));
		parameters.addParameter("status", new org.hl7.fhir.r4.model.CodeType(s.status().code()));
		if (s.error() != null) {
			parameters.addParameter("error", s.error());
		}
		Subscription.Delivery d = s.delivery();
		if (d.lastAttempt() != null) {
			parameters.addParameter("lastAttempt", new InstantType(Date.from(d.lastAttempt())));
		}
		if (d.lastSuccess() != null) {
			parameters.addParameter("lastSuccess", new InstantType(Date.from(d.lastSuccess())));
		}
		parameters.addParameter("failures", new org.hl7.fhir.r4.model.IntegerType(d.failures()));
		if (d.failingSince() != null) {
			parameters.addParameter("failingSince", new InstantType(Date.from(d.failingSince())));
		}
		if (d.lastError() != null) {
			parameters.addParameter("lastError", d.lastError());
		}
		parameters.addParameter("delivered", new org.hl7.fhir.r4.model.DecimalType(d.delivered()));
		parameters.addParameter("withheld", new org.hl7.fhir.r4.model.DecimalType(d.withheld()));
		parameters.addParameter("pending", new org.hl7.fhir.r4.model.DecimalType(d.pending()));
		return parameters;
	}

}
