/**
 * Views of the shape-metric results (`lib/metrics`, `lib/multiset`): distance
 * heatmaps in clustering order, embeddings (classical MDS, tangent space),
 * barycenter convergence, Procrustes k-means clusters, the convolutional shift
 * map and a progress line for pairwise jobs. Importing this module registers
 * their renderers.
 *
 * @module
 */

export * from "./distances.ts";
export * from "./embedding.ts";
export * from "./progress.ts";
export * from "./kmeans.ts";
import "./conv.ts";
import "./barycenter.ts";
