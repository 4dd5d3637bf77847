package org.faxserver.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/** k8s/: every resource of the kustomization parsed into typed fabric8 objects, and their invariants. */
@SuppressWarnings("unchecked")
class KubernetesManifestsTest {

  private static final List<HasMetadata> RESOURCES = load();
  private static final FreeSwitchConfig FS = FreeSwitchConfig.load();

  private static List<HasMetadata> load() {
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    Map<String, Object> kustomization = yaml.load(Repo.read("k8s/kustomization.yaml"));
    List<String> files = (List<String>) kustomization.get("resources");
    assertThat(files).isNotEmpty();
    DumperOptions dump = new DumperOptions();
    dump.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    Yaml dumper = new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(dump), dump);
    List<HasMetadata> resources = new ArrayList<>();
    for (String file : files) {
      for (Object doc : yaml.loadAll(Repo.read("k8s/" + file))) {
        if (doc == null) {
          continue;
        }
        Object typed = Serialization.unmarshal(dumper.dump(doc));
        assertThat(typed).as("a resource in %s", file).isInstanceOf(HasMetadata.class)
            .isNotInstanceOf(GenericKubernetesResource.class);
        resources.add((HasMetadata) typed);
      }
    }
    return resources;
  }

  private static <T extends HasMetadata> List<T> all(Class<T> type) {
    return RESOURCES.stream().filter(type::isInstance).map(type::cast).toList();
  }

  private static <T extends HasMetadata> Optional<T> named(Class<T> type, String name) {
    return all(type).stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst();
  }

  /** Each Java service's container, wherever it runs (its own Deployment or the telephony pod). */
  private static Container container(String service) {
    return all(Deployment.class).stream()
        .flatMap(d -> d.getSpec().getTemplate().getSpec().getContainers().stream())
        .filter(c -> c.getName().equals(service))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no container " + service));
  }

  private static Deployment deploymentOf(String containerName) {
    return all(Deployment.class).stream()
        .filter(d -> d.getSpec().getTemplate().getSpec().getContainers().stream().anyMatch(c -> c.getName().equals(containerName)))
        .findFirst().orElseThrow();
  }

  /** The container's environment: envFrom ConfigMaps, then env (values of Secret refs are read too). */
  private static Map<String, String> env(Container c) {
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvFromSource from : c.getEnvFrom()) {
      if (from.getConfigMapRef() != null) {
        env.putAll(named(ConfigMap.class, from.getConfigMapRef().getName()).orElseThrow().getData());
      }
      if (from.getSecretRef() != null) {
        env.putAll(secretData(named(Secret.class, from.getSecretRef().getName()).orElseThrow()));
      }
    }
    for (EnvVar e : c.getEnv()) {
      if (e.getValue() != null) {
        env.put(e.getName(), e.getValue());
      } else if (e.getValueFrom().getSecretKeyRef() != null) {
        var ref = e.getValueFrom().getSecretKeyRef();
        env.put(e.getName(), secretData(named(Secret.class, ref.getName()).orElseThrow()).get(ref.getKey()));
      } else if (e.getValueFrom().getConfigMapKeyRef() != null) {
        var ref = e.getValueFrom().getConfigMapKeyRef();
        env.put(e.getName(), named(ConfigMap.class, ref.getName()).orElseThrow().getData().get(ref.getKey()));
      }
    }
    return env;
  }

  private static Map<String, String> secretData(Secret s) {
    Map<String, String> data = new LinkedHashMap<>();
    if (s.getData() != null) {
      s.getData().forEach((k, v) -> data.put(k, new String(Base64.getDecoder().decode(v))));
    }
    if (s.getStringData() != null) {
      data.putAll(s.getStringData());
    }
    return data;
  }

  @Test
  void theKustomizationListsEveryManifest() throws Exception {
    Map<String, Object> kustomization = new Yaml(new SafeConstructor(new LoaderOptions()))
        .load(Repo.read("k8s/kustomization.yaml"));
    try (var files = java.nio.file.Files.list(Repo.path("k8s"))) {
      List<String> manifests = files.map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml")).sorted().toList();
      assertThat((List<String>) kustomization.get("resources")).containsExactlyInAnyOrderElementsOf(manifests);
    }
    assertThat(kustomization.get("namespace")).isEqualTo("faxserver");
  }

  @Test
  void everyServiceRunsInADeployment() {
    for (String service : Services.ALL) {
      Container c = container(service);
      assertThat(c.getImage()).isEqualTo("faxserver/" + service);
    }
  }

  @Test
  void everyContainerHasBothProbesAndResourceLimits() {
    assertThat(all(Deployment.class)).hasSizeGreaterThanOrEqualTo(5);
    for (Deployment d : all(Deployment.class)) {
      for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
        String what = d.getMetadata().getName() + "/" + c.getName();
        assertThat(c.getReadinessProbe()).as(what + " readiness").isNotNull();
        assertThat(c.getLivenessProbe()).as(what + " liveness").isNotNull();
        assertThat(c.getResources().getLimits()).as(what + " limits").containsKeys("cpu", "memory");
        assertThat(c.getResources().getRequests()).as(what + " requests").containsKeys("cpu", "memory");
      }
    }
  }

  @Test
  void javaServicesProbeActuatorOnTheirHttpPort() {
    for (String service : Services.ALL) {
      Container c = container(service);
      Map<String, String> env = env(c);
      SpringConfig config = SpringConfig.of(service);
      int port = config.serverPort(env);
      // Each module's own server.port (application.yml), not an assumed 8080.
      assertThat(port).as(service).isEqualTo(config.declaredServerPort());
      assertThat(c.getPorts()).as(service).anyMatch(p -> p.getContainerPort() == port && "http".equals(p.getName()));
      assertHttpProbe(service, c.getReadinessProbe(), "/actuator/health/readiness");
      assertHttpProbe(service, c.getLivenessProbe(), "/actuator/health/liveness");
    }
  }

  private static void assertHttpProbe(String service, Probe probe, String path) {
    assertThat(probe.getHttpGet()).as(service + " " + path).isNotNull();
    assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
    assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
  }

  @Test
  void deploymentSelectorsMatchTheirPods() {
    for (Deployment d : all(Deployment.class)) {
      assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
          .as(d.getMetadata().getName())
          .containsAllEntriesOf(d.getSpec().getSelector().getMatchLabels());
    }
  }

  @Test
  void autoscalersTargetFaxQueueNotifierAndApi() {
    Map<String, HorizontalPodAutoscaler> byTarget = all(HorizontalPodAutoscaler.class).stream()
        .collect(Collectors.toMap(h -> h.getSpec().getScaleTargetRef().getName(), h -> h));
    assertThat(byTarget.keySet()).containsExactlyInAnyOrder("fax-queue", "notifier-service", "api-service");
    for (HorizontalPodAutoscaler h : byTarget.values()) {
      var ref = h.getSpec().getScaleTargetRef();
      assertThat(ref.getKind()).isEqualTo("Deployment");
      assertThat(ref.getApiVersion()).isEqualTo("apps/v1");
      Deployment target = named(Deployment.class, ref.getName()).orElseThrow();
      assertThat(h.getSpec().getMinReplicas()).isPositive().isLessThanOrEqualTo(h.getSpec().getMaxReplicas());
      // The HPA owns the scale: a replicas value in the manifest would reset it on every kubectl apply.
      assertThat(target.getSpec().getReplicas()).as("%s: replicas of an HPA-managed Deployment", ref.getName()).isNull();
      // Utilization targets need CPU requests on every container.
      assertThat(target.getSpec().getTemplate().getSpec().getContainers())
          .allMatch(c -> c.getResources().getRequests().containsKey("cpu"));
    }
  }

  @Test
  void everyDeploymentHasADisruptionBudgetWhoseSelectorMatchesIt() {
    List<PodDisruptionBudget> pdbs = all(PodDisruptionBudget.class);
    for (PodDisruptionBudget pdb : pdbs) {
      Map<String, String> selector = pdb.getSpec().getSelector().getMatchLabels();
      List<Deployment> matched = all(Deployment.class).stream()
          .filter(d -> d.getSpec().getTemplate().getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
          .toList();
      assertThat(matched).as("deployments selected by PDB %s", pdb.getMetadata().getName()).hasSize(1);
      assertThat(pdb.getSpec().getMinAvailable() != null || pdb.getSpec().getMaxUnavailable() != null).isTrue();
      if (pdb.getSpec().getMinAvailable() != null) {
        assertThat(pdb.getSpec().getMinAvailable().getIntVal())
            .as("PDB %s leaves room for one eviction", pdb.getMetadata().getName())
            .isLessThan(minimumReplicas(matched.get(0)));
      }
    }
    assertThat(pdbs.stream().map(p -> p.getSpec().getSelector().getMatchLabels()).toList())
        .containsAll(all(Deployment.class).stream().map(d -> d.getSpec().getSelector().getMatchLabels()).toList());
  }

  /** The fewest pods the Deployment runs: its HPA's minReplicas, else its replicas (default 1). */
  private static int minimumReplicas(Deployment d) {
    return all(HorizontalPodAutoscaler.class).stream()
        .filter(h -> h.getSpec().getScaleTargetRef().getName().equals(d.getMetadata().getName()))
        .map(h -> h.getSpec().getMinReplicas())
        .findFirst()
        .orElse(d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas());
  }

  @Test
  void servicesSelectExistingPods() {
    for (Service s : all(Service.class)) {
      Map<String, String> selector = s.getSpec().getSelector();
      assertThat(all(Deployment.class)).as(s.getMetadata().getName())
          .anyMatch(d -> d.getSpec().getTemplate().getMetadata().getLabels().entrySet().containsAll(selector.entrySet()));
    }
    assertThat(named(Service.class, "api-service")).isPresent();
  }

  @Test
  void freeSwitchAndEslGatewayShareOnePodAndItsSpoolVolume() {
    Deployment telephony = deploymentOf("esl-gateway");
    PodSpec pod = telephony.getSpec().getTemplate().getSpec();
    Container fs = pod.getContainers().stream().filter(c -> c.getName().equals("freeswitch")).findFirst().orElseThrow();
    Container gw = container("esl-gateway");
    assertThat(pod.getContainers()).contains(fs, gw);
    Set<String> shared = fs.getVolumeMounts().stream().map(VolumeMount::getName).collect(Collectors.toSet());
    shared.retainAll(gw.getVolumeMounts().stream().map(VolumeMount::getName).collect(Collectors.toSet()));
    assertThat(shared).as("volumes mounted by both containers").isNotEmpty();
    String spoolVolume = shared.iterator().next();
    String fsPath = mountPath(fs, spoolVolume);
    assertThat(mountPath(gw, spoolVolume)).isEqualTo(fsPath);
    // The path is FreeSWITCH's spool and esl-gateway's document root (so document-root stays empty).
    assertThat(fsPath).isEqualTo(FS.vars.get("fax_spool_dir")).isEqualTo(Services.SPOOL);
    Map<String, String> env = env(gw);
    assertThat(SpringConfig.of("esl-gateway").valueWith("faxserver.documents.root", env)).contains(fsPath);
    assertThat(env).doesNotContainKey("FAXSERVER_FREESWITCH_DOCUMENT_ROOT");
    Volume v = pod.getVolumes().stream().filter(x -> x.getName().equals(spoolVolume)).findFirst().orElseThrow();
    assertThat(v.getEmptyDir() != null || v.getPersistentVolumeClaim() != null).isTrue();
    // The other services that handle documents mount the same claim at the same path.
    if (v.getPersistentVolumeClaim() != null) {
      String claim = v.getPersistentVolumeClaim().getClaimName();
      PersistentVolumeClaim pvc = named(PersistentVolumeClaim.class, claim).orElseThrow();
      assertThat(pvc.getSpec().getAccessModes()).contains("ReadWriteMany");
      for (String service : Services.USING_SPOOL) {
        Deployment d = deploymentOf(service);
        String volName = d.getSpec().getTemplate().getSpec().getVolumes().stream()
            .filter(x -> x.getPersistentVolumeClaim() != null && claim.equals(x.getPersistentVolumeClaim().getClaimName()))
            .map(Volume::getName).findFirst().orElseThrow(() -> new AssertionError(service + " does not mount " + claim));
        assertThat(mountPath(container(service), volName)).as(service).isEqualTo(fsPath);
        assertThat(SpringConfig.of(service).valueWith("faxserver.documents.root", env(container(service)))
            .orElse(env(container(service)).get("FAXSERVER_DOCUMENTS_ROOT"))).as(service).isEqualTo(fsPath);
      }
    }
  }

  private static String mountPath(Container c, String volume) {
    return c.getVolumeMounts().stream().filter(m -> m.getName().equals(volume)).map(VolumeMount::getMountPath)
        .findFirst().orElseThrow();
  }

  private static Container freeswitch() {
    PodSpec pod = deploymentOf("esl-gateway").getSpec().getTemplate().getSpec();
    return pod.getContainers().stream().filter(c -> c.getName().equals("freeswitch")).findFirst().orElseThrow();
  }

  private static EnvVar envVar(Container c, String name) {
    return c.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError(c.getName() + " has no " + name));
  }

  /** The shell text of an exec probe/hook (the whole command, joined). */
  private static String execText(List<String> command) {
    return String.join(" ", command);
  }

  @Test
  void eslGatewayAndFreeSwitchAgreeOnTheEventSocket() {
    Map<String, String> env = env(container("esl-gateway"));
    SpringConfig config = SpringConfig.of("esl-gateway");
    assertThat(config.valueWith("faxserver.freeswitch.host", env)).contains(FS.vars.get("esl_listen_ip"));
    assertThat(config.valueWith("faxserver.freeswitch.port", env)).contains(FS.vars.get("esl_listen_port"));
    // One source for the password: the same Secret key feeds esl-gateway and FreeSWITCH, whose
    // entrypoint (docker/freeswitch/entrypoint.sh) writes it into esl_password.
    var gwRef = envVar(container("esl-gateway"), "FAXSERVER_FREESWITCH_PASSWORD").getValueFrom().getSecretKeyRef();
    Container fs = freeswitch();
    var fsRef = envVar(fs, "FREESWITCH_ESL_PASSWORD").getValueFrom().getSecretKeyRef();
    assertThat(gwRef).isNotNull();
    assertThat(fsRef).as("FreeSWITCH's password comes from the same Secret key as esl-gateway's").isNotNull();
    assertThat(fsRef.getName()).isEqualTo(gwRef.getName());
    assertThat(fsRef.getKey()).isEqualTo(gwRef.getKey());
    assertThat(config.valueWith("faxserver.freeswitch.password", env)).contains(env(fs).get("FREESWITCH_ESL_PASSWORD"));
    assertThat(Repo.read("docker/freeswitch/entrypoint.sh")).contains("password=\"${FREESWITCH_ESL_PASSWORD:-}\"")
        .contains("data=\"esl_password=$password\"");
    // No second source: no vars.d file of the pod sets esl_password (the entrypoint would refuse it).
    PodSpec pod = deploymentOf("esl-gateway").getSpec().getTemplate().getSpec();
    VolumeMount varsD = fs.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/etc/freeswitch/vars.d"))
        .findFirst().orElseThrow();
    Volume vol = pod.getVolumes().stream().filter(v -> v.getName().equals(varsD.getName())).findFirst().orElseThrow();
    Map<String, String> files = new LinkedHashMap<>();
    for (VolumeProjection p : vol.getProjected().getSources()) {
      if (p.getConfigMap() != null) {
        Map<String, String> data = named(ConfigMap.class, p.getConfigMap().getName()).orElseThrow().getData();
        p.getConfigMap().getItems().forEach(i -> files.put(i.getPath(), data.get(i.getKey())));
      }
      if (p.getSecret() != null) {
        Map<String, String> data = secretData(named(Secret.class, p.getSecret().getName()).orElseThrow());
        p.getSecret().getItems().forEach(i -> files.put(i.getPath(), data.get(i.getKey())));
      }
    }
    assertThat(files).containsKey("local.xml");
    files.forEach((name, content) -> {
      assertThat(content).as(name).isNotNull().doesNotContain("data=\"esl_password=");
      FreeSwitchConfig.parse(content); // well-formed
    });
    // Containers of one pod share the network namespace: the dialplan reaches esl-gateway on loopback.
    assertThat(FS.vars.get("esl_gateway_address")).isEqualTo("127.0.0.1");
  }

  @Test
  void freeSwitchProbesAndPreStopUseThePasswordFromTheSecret() {
    Container fs = freeswitch();
    // fs_cli without -p uses ClueCon, which FreeSWITCH refuses: every probe and the hook pass the
    // variable that holds the Secret's password (and that the entrypoint wrote into esl_password).
    for (Probe probe : List.of(fs.getStartupProbe(), fs.getReadinessProbe(), fs.getLivenessProbe())) {
      assertThat(probe).isNotNull();
      assertThat(probe.getExec()).isNotNull();
      ComposeFileTest.assertFsCliUsesPassword(execText(probe.getExec().getCommand()), "$FREESWITCH_ESL_PASSWORD");
    }
    ComposeFileTest.assertFsCliUsesPassword(execText(fs.getLifecycle().getPreStop().getExec().getCommand()),
        "$FREESWITCH_ESL_PASSWORD");
  }

  @Test
  void telephonyDrainsCallsBeforeFreeSwitchStops() {
    PodSpec pod = deploymentOf("esl-gateway").getSpec().getTemplate().getSpec();
    Container fs = freeswitch();
    assertThat(fs.getLifecycle()).as("freeswitch lifecycle").isNotNull();
    String preStop = execText(fs.getLifecycle().getPreStop().getExec().getCommand());
    int pause = preStop.indexOf("fsctl pause inbound");
    int count = preStop.indexOf("show calls count");
    int shutdown = preStop.indexOf("fsctl shutdown elegant");
    assertThat(pause).as("pause inbound first").isNotNegative().isLessThan(count);
    assertThat(count).as("then wait for the calls").isLessThan(shutdown);
    Matcher bound = Pattern.compile("-lt (\\d+)").matcher(preStop);
    assertThat(bound.find()).as("bounded wait in %s", preStop).isTrue();
    long waitSeconds = Long.parseLong(bound.group(1));
    long grace = pod.getTerminationGracePeriodSeconds();
    assertThat(waitSeconds).as("drain wait fits the grace period").isLessThan(grace);
    // esl-gateway (SIGTERMed at the same moment) drains too, within the same grace period.
    String drain = SpringConfig.of("esl-gateway").defaultValue("faxserver.gateway.shutdown-drain").orElse("60s");
    assertThat(Long.parseLong(drain.replaceAll("s$", ""))).isLessThan(grace);
  }

  @Test
  void freeSwitchRunsUnprivileged() {
    var sc = freeswitch().getSecurityContext();
    assertThat(sc).isNotNull();
    assertThat(sc.getRunAsNonRoot()).isTrue();
    assertThat(sc.getRunAsUser()).isPositive();
    assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
    assertThat(sc.getCapabilities().getDrop()).contains("ALL");
  }

  @Test
  void networkPoliciesOpenApiToAllAndActuatorPortsToMonitoringOnly() {
    for (Deployment d : all(Deployment.class)) {
      PodSpec pod = d.getSpec().getTemplate().getSpec();
      if (Boolean.TRUE.equals(pod.getHostNetwork())) {
        continue; // NetworkPolicies do not apply to hostNetwork pods (docs/deployment.md: node firewall)
      }
      Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
      List<NetworkPolicy> policies = all(NetworkPolicy.class).stream()
          .filter(np -> labels.entrySet().containsAll(np.getSpec().getPodSelector().getMatchLabels().entrySet()))
          .toList();
      String name = d.getMetadata().getName();
      assertThat(policies).as("NetworkPolicies selecting %s", name).hasSize(1);
      NetworkPolicy np = policies.get(0);
      assertThat(np.getSpec().getPolicyTypes()).contains("Ingress");
      Container c = pod.getContainers().get(0);
      int port = SpringConfig.of(c.getName()).serverPort(env(c));
      List<NetworkPolicyIngressRule> rules = np.getSpec().getIngress();
      assertThat(rules).as(name).isNotEmpty();
      for (NetworkPolicyIngressRule rule : rules) {
        assertThat(rule.getPorts()).as(name).isNotEmpty()
            .allMatch(p -> p.getPort().getIntVal() != null && p.getPort().getIntVal() == port);
        if (c.getName().equals("api-service")) {
          assertThat(rule.getFrom()).as("api-service: from anywhere").isNullOrEmpty();
        } else {
          assertThat(rule.getFrom()).as("%s: only from the monitoring namespace", name).isNotEmpty();
          for (NetworkPolicyPeer peer : rule.getFrom()) {
            assertThat(peer.getIpBlock()).isNull();
            assertThat(peer.getPodSelector()).isNull();
            assertThat(peer.getNamespaceSelector().getMatchLabels())
                .containsExactly(Map.entry("kubernetes.io/metadata.name", "monitoring"));
          }
        }
      }
    }
  }

  @Test
  void everyReferencedSecretConfigMapAndClaimExists() {
    for (Deployment d : all(Deployment.class)) {
      PodSpec pod = d.getSpec().getTemplate().getSpec();
      for (Container c : pod.getContainers()) {
        for (EnvFromSource from : c.getEnvFrom()) {
          if (from.getConfigMapRef() != null) {
            assertThat(named(ConfigMap.class, from.getConfigMapRef().getName())).as(from.getConfigMapRef().getName()).isPresent();
          }
          if (from.getSecretRef() != null) {
            assertThat(named(Secret.class, from.getSecretRef().getName())).as(from.getSecretRef().getName()).isPresent();
          }
        }
        for (EnvVar e : c.getEnv()) {
          if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
            var ref = e.getValueFrom().getSecretKeyRef();
            Secret s = named(Secret.class, ref.getName()).orElseThrow(() -> new AssertionError("no Secret " + ref.getName()));
            assertThat(secretData(s)).as(ref.getName()).containsKey(ref.getKey());
          }
          if (e.getValueFrom() != null && e.getValueFrom().getConfigMapKeyRef() != null) {
            var ref = e.getValueFrom().getConfigMapKeyRef();
            ConfigMap cm = named(ConfigMap.class, ref.getName()).orElseThrow();
            assertThat(cm.getData()).containsKey(ref.getKey());
          }
        }
        Set<String> volumes = pod.getVolumes().stream().map(Volume::getName).collect(Collectors.toSet());
        assertThat(volumes).containsAll(c.getVolumeMounts().stream().map(VolumeMount::getName).toList());
      }
      for (Volume v : pod.getVolumes()) {
        if (v.getPersistentVolumeClaim() != null) {
          assertThat(named(PersistentVolumeClaim.class, v.getPersistentVolumeClaim().getClaimName())).isPresent();
        }
        if (v.getProjected() != null) {
          for (VolumeProjection p : v.getProjected().getSources()) {
            if (p.getSecret() != null) {
              Map<String, String> data = secretData(named(Secret.class, p.getSecret().getName()).orElseThrow());
              p.getSecret().getItems().forEach(i -> assertThat(data).containsKey(i.getKey()));
            }
            if (p.getConfigMap() != null) {
              Map<String, String> data = named(ConfigMap.class, p.getConfigMap().getName()).orElseThrow().getData();
              p.getConfigMap().getItems().forEach(i -> assertThat(data).containsKey(i.getKey()));
            }
          }
        }
      }
    }
  }

  @Test
  void everyEnvironmentVariableMeansSomethingToItsService() {
    for (String service : Services.ALL) {
      SpringConfig config = SpringConfig.of(service);
      Map<String, String> env = env(container(service));
      if (config.present) {
        for (String key : env.keySet()) {
          assertThat(config.accepts(key)).as("%s: %s is not read by its application.yml", service, key).isTrue();
        }
        if (config.readsPlaceholder("SPRING_R2DBC_URL")) {
          assertThat(env).containsKeys("SPRING_R2DBC_URL", "SPRING_R2DBC_USERNAME", "SPRING_R2DBC_PASSWORD");
        }
        if (config.readsPlaceholder("SPRING_FLYWAY_URL")) {
          assertThat(env).containsKeys("SPRING_FLYWAY_URL", "SPRING_FLYWAY_USER", "SPRING_FLYWAY_PASSWORD");
        }
        if (config.readsPlaceholder("FAXSERVER_SECURITY_ADMIN_API_KEY")) {
          assertThat(env.get("FAXSERVER_SECURITY_ADMIN_API_KEY")).isNotBlank();
        }
      }
      assertThat(env).containsKeys("SPRING_RABBITMQ_HOST", "SPRING_RABBITMQ_USERNAME", "SPRING_RABBITMQ_PASSWORD");
    }
  }
}
