/**
 * `npm run build`: the task pane, the ribbon's commands page and the support page, bundled by
 * webpack into out/addin/, the folder `retention serve` serves. ts-loader only transpiles here
 * (fast); `npm run typecheck` type-checks the add-in with addin/tsconfig.json.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import webpack from 'webpack';

const ADDIN = fileURLToPath(new URL('../', import.meta.url));
export const ADDIN_OUT = fileURLToPath(new URL('../../out/addin/', import.meta.url));

/** The icons, copied as they are: the manifest names them under /assets/. */
class CopyIcons {
  apply(compiler: webpack.Compiler): void {
    compiler.hooks.thisCompilation.tap('CopyIcons', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'CopyIcons', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        const folder = join(ADDIN, 'assets');
        for (const name of readdirSync(folder).filter((n) => n.endsWith('.png'))) {
          compilation.emitAsset(`assets/${name}`, new webpack.sources.RawSource(readFileSync(join(folder, name))));
        }
      });
    });
  }
}

export function addinConfig(mode: 'production' | 'development' = 'production'): webpack.Configuration {
  return {
    mode,
    context: ADDIN,
    entry: { taskpane: './taskpane/index.tsx', commands: './commands/commands.ts' },
    output: { path: ADDIN_OUT, filename: '[name].[contenthash:8].js', clean: true },
    // Source maps for the developer tools' sake; small ones in production.
    devtool: mode === 'production' ? 'source-map' : 'eval-cheap-module-source-map',
    resolve: { extensions: ['.tsx', '.ts', '.js'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          loader: 'ts-loader',
          options: { transpileOnly: true, configFile: join(ADDIN, 'tsconfig.json'), compilerOptions: { noEmit: false, allowImportingTsExtensions: false, module: 'esnext', moduleResolution: 'bundler' } },
        },
      ],
    },
    // exceljs's browser build brings its own polyfills; a few more warnings about its size say nothing new.
    performance: { hints: false },
    plugins: [
      new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './taskpane/taskpane.html', chunks: ['taskpane'] }),
      new HtmlWebpackPlugin({ filename: 'commands.html', template: './commands/commands.html', chunks: ['commands'] }),
      new HtmlWebpackPlugin({ filename: 'support.html', template: './support.html', chunks: [] }),
      new CopyIcons(),
    ],
  };
}

/** Builds the add-in into out/addin/; the errors, in webpack's words, when it cannot. */
export function buildAddin(mode?: 'production' | 'development'): Promise<webpack.Stats> {
  return new Promise((resolve, reject) => {
    webpack(addinConfig(mode), (error, stats) => {
      if (error) return reject(error);
      if (!stats || stats.hasErrors()) return reject(new Error(stats?.toString({ all: false, errors: true }) ?? 'webpack stopped'));
      resolve(stats);
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const stats = await buildAddin(process.argv.includes('--development') ? 'development' : 'production');
  process.stdout.write(`${stats.toString({ all: false, assets: true, colors: false })}\n`);
}
