/**
 * tfjs-core registers its ops without their gradients; the umbrella @tensorflow/tfjs package
 * adds them. Bundlers (Vite, Vitest) import the registration directly; plain Node cannot load
 * that ESM file (extensionless imports), so Node scripts use scripts/lib/tf-node.ts instead.
 * The registries are global, so registering once serves every copy of the core.
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients';
