// Stylesheets are bundled by esbuild into dist/webview/<panel>.css.
declare module '*.css';
