package io.platinur.spring;

import io.platinur.application.digest.DigestPromotionService;
import io.platinur.application.lane.StagingLaneService;
import io.vavr.control.Option;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * Platinur's part of {@code /actuator/info}: where the lane and the promotions run, the forge, the
 * webhook endpoint and the sync schedule. No secret, and a remote's URL without its credentials.
 */
final class PlatinurInfoContributor implements InfoContributor {
  private final PlatinurProperties properties;
  private final Option<StagingLaneService> lane;
  private final Option<DigestPromotionService> digests;

  PlatinurInfoContributor(PlatinurProperties properties, Option<StagingLaneService> lane, Option<DigestPromotionService> digests) {
    this.properties = Objects.requireNonNull(properties, "properties");
    this.lane = Objects.requireNonNull(lane, "lane");
    this.digests = Objects.requireNonNull(digests, "digests");
  }

  @Override
  public void contribute(Info.Builder builder) {
    Map<String, Object> info = new LinkedHashMap<>();
    PlatinurProperties.Repository repository = properties.getRepository();
    info.put("repository", repository.getUrl() != null ? Wiring.withoutUserInfo(repository.getUrl())
        : repository.getPath() != null ? repository.getPath().toString() : "the GitHub repository");
    lane.forEach(service -> info.put("lane", service.configuration().stagingBranch() + " → " + service.configuration().productionBranch()));
    digests.forEach(service -> info.put("promotionPath", service.path().toString()));
    info.put("forge", properties.getGithub().getRepository() != null ? "GitHub " + properties.getGithub().getRepository() : "offline");
    if (properties.getGithub().getRepository() != null && properties.getWebhook().isEnabled()) {
      info.put("webhook", properties.getWebhook().getPath());
    }
    info.put("scheduledSync", properties.getSync().isEnabled() ? "every " + properties.getSync().getInterval() : "off");
    Package starter = PlatinurInfoContributor.class.getPackage();
    Option.of(starter == null ? null : starter.getImplementationVersion()).forEach(version -> info.put("version", version));
    builder.withDetail("platinur", info);
  }
}
