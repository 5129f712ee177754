// Records tf.train.rmsprop trajectories (TensorFlow.js, pure-JavaScript CPU backend, float32) for the replay tests
// in tests/Properties/Foundation/TfjsReferenceTests.cs. Run by hand from this folder:
//
//     npm ci && node generate.mjs            # rewrites ../tfjs-rmsprop.json
//     node generate.mjs --check              # regenerates in memory and compares byte for byte
//
// Inputs come from a seeded generator of our own (mulberry32 and Box-Muller, rounded to float32) and are stored in
// the file, so a replay needs no random numbers. The optimizer runs on tf.Variables exactly as a TF.js training
// loop does: optimizer.applyGradients({name: gradient}) once per step.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';

const here = dirname(fileURLToPath(import.meta.url));
const output = join(here, '..', 'tfjs-rmsprop.json');
const tfjsVersion = JSON.parse(readFileSync(join(here, 'node_modules', '@tensorflow', 'tfjs', 'package.json'), 'utf8')).version;

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const uniform = mulberry32(20261129);
function normal() {
  const u = 1 - uniform();
  const v = uniform();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
const normals = (n, scale = 1) => Array.from({ length: n }, () => Math.fround(normal() * scale));

// TF.js's own option names; every case passes all five so no backend default is involved.
function run(name, options, { n = 6, steps = 40, quadratic = false, learningRates = null } = {}) {
  const initial = normals(n);
  const a = quadratic ? Array.from({ length: n }, () => Math.fround(10 ** (4 * uniform() - 2))) : null;
  const b = quadratic ? normals(n) : null;
  const gradients = quadratic ? null : Array.from({ length: steps }, () => normals(n));

  const w = tf.variable(tf.tensor1d(initial, 'float32'), true, `${name}_w`);
  const optimizer = tf.train.rmsprop(options.learningRate, options.decay, options.momentum, options.epsilon, options.centered);
  const trajectory = [];
  const rates = [];
  for (let step = 0; step < steps; step++) {
    if (learningRates) {
      // A training loop's schedule: TF.js reads this.learningRate afresh on every applyGradients.
      optimizer.learningRate = learningRates[step];
    }
    rates.push(optimizer.learningRate);
    const gradient = quadratic
      ? tf.tidy(() => tf.sub(tf.mul(tf.tensor1d(a, 'float32'), w), tf.tensor1d(b, 'float32')))
      : tf.tensor1d(gradients[step], 'float32');
    optimizer.applyGradients({ [w.name]: gradient });
    gradient.dispose();
    trajectory.push(Array.from(w.dataSync()));
  }

  const finalState = {
    ms: Array.from(optimizer.accumulatedMeanSquares[0].variable.dataSync()),
    mom: Array.from(optimizer.accumulatedMoments[0].variable.dataSync()),
  };
  if (options.centered) {
    finalState.mg = Array.from(optimizer.accumulatedMeanGrads[0].variable.dataSync());
  }
  optimizer.dispose();
  w.dispose();
  const record = { name, options, initial };
  if (quadratic) {
    record.quadratic = { a, b, note: 'gradient at step t is a*w - b in float32 with w the current parameters' };
  } else {
    record.gradients = gradients;
  }
  if (learningRates) {
    record.learning_rates = rates;
  }
  record.trajectory = trajectory;
  record.final_state = finalState;
  return record;
}

await tf.setBackend('cpu');
const options = (learningRate, decay, momentum, epsilon, centered) => ({ learningRate, decay, momentum, epsilon, centered });
const cases = [
  run('eps_inside_random', options(0.01, 0.9, 0, 1e-7, false)),
  run('eps_dominates_random', options(0.01, 0.9, 0, 0.01, false)),
  run('eps_inside_quadratic', options(0.01, 0.95, 0, 1e-7, false), { n: 5, steps: 150, quadratic: true }),
  run('momentum_random', options(0.01, 0.9, 0.9, 1e-7, false)),
  run('momentum_quadratic', options(0.005, 0.9, 0.8, 1e-6, false), { n: 5, steps: 150, quadratic: true }),
  // The learning rate changes between steps: with lr inside the momentum buffer, the old rate stays in the buffer.
  run('momentum_changing_learning_rate', options(0.02, 0.9, 0.9, 1e-7, false),
    { learningRates: Array.from({ length: 40 }, (_, t) => 0.02 * 0.5 ** Math.floor(t / 10)) }),
  // eps = 0: TF.js subtracts eps under the root when centered, TF1's kernel adds it (see the README); at 0 they agree.
  run('centered_random', options(0.01, 0.9, 0, 0, true)),
  run('centered_momentum_random', options(0.01, 0.9, 0.5, 0, true)),
  // Recorded to show that difference: eps large enough for its sign to matter.
  run('centered_eps_subtracted', options(0.01, 0.9, 0, 1e-3, true)),
];

const document = {
  source: `tf.train.rmsprop, TensorFlow.js ${tfjsVersion}, backend ${tf.getBackend()}, float32`,
  semantics: 'TF.js RMSPropOptimizer.applyGradients, every scalar a float32 tensor and every op rounded to float32: '
    + 'ms = ms*decay + g^2*(1 - decay) (1 - decay computed in double, then rounded), ms starting at 0; '
    + 'plain: mom = mom*momentum + (g*lr)/sqrt(ms + eps); '
    + 'centered: mg = mg*decay + g*(1 - decay), mom = mom*momentum + (g*lr)/sqrt(ms - (mg^2 + eps)); w = w - mom.',
  cases,
};
const text = JSON.stringify(document, null, 1);
if (process.argv.includes('--check')) {
  const same = readFileSync(output, 'utf8') === text;
  console.log(`tfjs-rmsprop.json: ${same ? 'identical' : 'DIFFERS'}`);
  process.exit(same ? 0 : 1);
}
writeFileSync(output, text);
console.log(`wrote ${output}`);
