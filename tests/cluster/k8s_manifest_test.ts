import assert from "node:assert/strict";
import { parse } from "yaml";

const path = new URL("../../scripts/k8s-pairwise-job.yaml", import.meta.url);

interface Job {
  apiVersion: string;
  kind: string;
  spec: {
    completions: number;
    parallelism: number;
    completionMode: string;
    template: {
      spec: {
        restartPolicy: string;
        containers: { command: string[]; args: string[]; volumeMounts: { mountPath: string }[] }[];
        volumes: { name: string }[];
      };
    };
  };
}

Deno.test("the Kubernetes manifest is valid YAML for one Indexed batch/v1 Job", () => {
  const docs = Deno.readTextFileSync(path);
  const job = parse(docs, { strict: true, uniqueKeys: true }) as Job;
  assert.equal(job.apiVersion, "batch/v1");
  assert.equal(job.kind, "Job");
  assert.equal(job.spec.completionMode, "Indexed");
  assert.equal(job.spec.template.spec.restartPolicy, "Never");
  assert.ok(job.spec.parallelism <= job.spec.completions);
});

Deno.test("the Kubernetes manifest runs shard k of `completions` with the README's pairwise command", () => {
  const job = parse(Deno.readTextFileSync(path)) as Job;
  const [container] = job.spec.template.spec.containers;
  assert.ok(container);
  const script = container.args.join(" ");
  assert.match(script, /deno task cli pairwise /);
  assert.ok(
    script.includes(`--shard $JOB_COMPLETION_INDEX/${job.spec.completions} `),
    `shard count differs from completions (${job.spec.completions}): ${script}`,
  );
  assert.match(script, /--out \/data\/parts\/\$JOB_COMPLETION_INDEX\.json/);
  assert.deepEqual(container.volumeMounts.map((m) => m.mountPath), ["/data"]);
  assert.deepEqual(job.spec.template.spec.volumes.map((v) => v.name), ["data"]);
});

const mergePath = new URL("../../scripts/k8s-pairwise-merge-job.yaml", import.meta.url);

interface MergeJob {
  apiVersion: string;
  kind: string;
  spec: {
    completions: number;
    template: {
      spec: {
        restartPolicy: string;
        containers: {
          image: string;
          workingDir: string;
          args: string[];
          volumeMounts: { name: string; mountPath: string }[];
        }[];
        volumes: { name: string; persistentVolumeClaim: { claimName: string } }[];
      };
    };
  };
}

Deno.test("the merge Job manifest is valid YAML and merges /data/parts on the shards' volume, image and folder", () => {
  const merge = parse(Deno.readTextFileSync(mergePath), {
    strict: true,
    uniqueKeys: true,
  }) as MergeJob;
  const shards = parse(Deno.readTextFileSync(path)) as Job & MergeJob;
  assert.equal(merge.apiVersion, "batch/v1");
  assert.equal(merge.kind, "Job");
  assert.equal(merge.spec.completions, 1);
  assert.equal(merge.spec.template.spec.restartPolicy, "Never");
  const [container] = merge.spec.template.spec.containers;
  const [shard] = shards.spec.template.spec.containers;
  assert.ok(container && shard);
  assert.match(
    container.args.join(" "),
    /deno task cli pairwise-merge \/data\/parts\/\*\.json --out \/data\/D\.npy/,
  );
  assert.equal(container.image, shard.image);
  assert.equal(container.workingDir, shard.workingDir);
  assert.deepEqual(container.volumeMounts, shard.volumeMounts);
  assert.deepEqual(merge.spec.template.spec.volumes, shards.spec.template.spec.volumes);
});

Deno.test("scripts/cluster-test.sh is valid bash and submits the README's sharded commands", () => {
  const script = new URL("../../scripts/cluster-test.sh", import.meta.url).pathname;
  const out = new Deno.Command("bash", { args: ["-n", script], stderr: "piped" }).outputSync();
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
  const text = Deno.readTextFileSync(script);
  for (const claim of ["sbatch --wait", "pairwise-merge", "--shard __SHARD__", "cmp -s"]) {
    assert.ok(text.includes(claim), claim);
  }
});
